app_name = "economy"
urlpatterns: list = []
