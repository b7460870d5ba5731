"""Demo data of the dialogue (``seed_demo``)."""


def seed(*, area, users, today) -> None:
    return None
