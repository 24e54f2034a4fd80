from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "verbund.networks"
    label = "networks"
