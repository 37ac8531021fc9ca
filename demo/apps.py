from django.apps import AppConfig


class DemoConfig(AppConfig):
    """A top floor: the demo world (`load_demo`, `scale_demo`), made through every floor."""

    name = "demo"
    label = "demo"
    verbose_name = "Demogegevens"
