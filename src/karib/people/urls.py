from django.urls import path

from . import chat_views, item_views, panel_views, quick_add, transfer_views, views
from .imports import views as import_views

app_name = "people"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="index"),
    path("new/", views.PersonCreateView.as_view(), name="person-create"),
    path("quick-add/", quick_add.PersonQuickAddView.as_view(), name="person-quick-add"),
    path("typeahead/", views.PersonTypeaheadView.as_view(), name="typeahead"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person-update"),
    path("<int:pk>/facts/", item_views.PersonFactCreateView.as_view(), name="person-fact-create"),
    path(
        "<int:pk>/interactions/",
        item_views.PersonInteractionCreateView.as_view(),
        name="person-interaction-create",
    ),
    path(
        "<int:pk>/facts/<int:item_pk>/edit/",
        item_views.FactItemView.as_view(),
        name="person-fact-update",
    ),
    path(
        "<int:pk>/facts/<int:item_pk>/delete/",
        item_views.FactDeleteView.as_view(),
        name="person-fact-delete",
    ),
    path(
        "<int:pk>/interactions/<int:item_pk>/edit/",
        item_views.InteractionItemView.as_view(),
        name="person-interaction-update",
    ),
    path(
        "<int:pk>/interactions/<int:item_pk>/delete/",
        item_views.InteractionDeleteView.as_view(),
        name="person-interaction-delete",
    ),
    path("<int:pk>/dates/", item_views.PersonDateCreateView.as_view(), name="person-date-create"),
    path("<int:pk>/envoy/", views.PersonEnvoyAssignView.as_view(), name="person-envoy-assign"),
    path(
        "<int:pk>/panels/<slug:panel>/",
        panel_views.PersonPanelView.as_view(),
        name="person-panel",
    ),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("organizations/new/", views.OrganizationFormView.as_view(), name="organization-create"),
    path(
        "organizations/<int:pk>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path(
        "organizations/<int:pk>/edit/",
        views.OrganizationFormView.as_view(),
        name="organization-update",
    ),
    path("import/", transfer_views.ImportView.as_view(), name="import"),
    path("export/<str:file_format>/", transfer_views.ExportView.as_view(), name="export"),
    path(
        "import/contacts/", import_views.ContactImportUploadView.as_view(), name="import-contacts"
    ),
    path(
        "import/contacts/<int:pk>/",
        import_views.ContactImportDetailView.as_view(),
        name="import-contacts-detail",
    ),
    path(
        "import/contacts/<int:pk>/map/",
        import_views.ContactImportMapView.as_view(),
        name="import-contacts-map",
    ),
    path("<int:pk>/chat/", chat_views.PersonChatImportView.as_view(), name="person-chat-import"),
    path(
        "<int:pk>/chat/suggestions/",
        chat_views.PersonChatSuggestionsView.as_view(),
        name="person-chat-suggestions",
    ),
]
