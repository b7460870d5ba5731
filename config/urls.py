"""Every URL of the portal. Swedish pages are unprefixed, English ones live under /en/.

Each URL name here is declared in ``config/access.py`` with what every role may do with it.
"""

from allauth.account import views as account_views
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from portal.health import Readiness, health

admin.site.site_header = "Medborgarlöften – administration"
admin.site.site_title = "Medborgarlöften"
# The admin signs in through the portal's login (allauth: lockout, second factor), never its own.
admin.site.login = login_required(admin.site.login)

urlpatterns = [
    path("healthz", health, name="health"),
    # The address liveness had before /healthz; load balancers set up with it keep working.
    path("health/", health, name="health_alias"),
    path("health/ready/", Readiness.as_view(), name="readiness"),
    path("api/v1/", include("promises.api.urls")),
    path("api/v1/", include("dialogue.api_urls")),
    # Before the public pages: an area's page (``<slug:area>/``) would otherwise take /admin/.
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("konto/logga-in/", account_views.login, name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", include("allauth.urls")),
    path("", include("weekend_ops.urls")),
    path("", include("safety_inventory.urls")),
    path("", include("dialogue.urls")),
    path("", include("promises.web.urls")),
    prefix_default_language=False,
)

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.not_found"
handler500 = "portal.errors.server_error"
# allauth looks for this one when a rate limit refuses a request.
handler429 = "portal.errors.too_many_requests"
