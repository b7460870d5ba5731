"""Every URL of the portal. Swedish pages are unprefixed, English ones live under /en/.

Each URL name here is declared in ``tests/access.py`` with what every role may do with it.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.cache import never_cache

from promises import views as promise_views
from promises.forms import LoginForm

admin.site.site_header = "Medborgarlöften – administration"
admin.site.site_title = "Medborgarlöften"

urlpatterns = [
    path("health/", promise_views.health, name="health"),
    path("api/v1/", include("promises.api_urls")),
]

urlpatterns += i18n_patterns(
    path(
        "konto/logga-in/",
        never_cache(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("weekend_ops.urls")),
    path("", include("safety_inventory.urls")),
    path("", include("promises.urls")),
    prefix_default_language=False,
)

# Last, so that the public pages are found without trying every admin pattern first.
urlpatterns += [path("admin/", admin.site.urls)]

handler404 = "promises.views.not_found"
