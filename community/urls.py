from django.urls import path

from community.views import (
    announcements,
    chat,
    checkins,
    directory,
    events,
    meetings,
    profile,
    programmes,
    requests,
    safety,
)

app_name = "community"

urlpatterns = [
    # My account and profile (community/views/profile.py)
    path("me/", profile.home, name="home"),
    path("me/setup/", profile.setup, name="profile_setup"),
    path("me/setup/<int:step>/", profile.setup, name="profile_setup_step"),
    path("me/profile/", profile.edit, name="profile_edit"),
    path("me/expectations/", profile.confirm_expectations, name="expectations"),
    path("me/wheel/", profile.wheel, name="wheel"),
    path("me/data.json", profile.export_data, name="export_data"),
    path("me/delete/", profile.delete_account, name="delete_account"),
    # Photos are for signed-in members only, never public files.
    path("members/<int:pk>/photo/", profile.photo, name="profile_photo"),
    # Finding each other (community/views/directory.py)
    path("members/", directory.directory, name="directory"),
    path("members/suggested/", directory.suggested, name="suggested"),
    path("members/<int:pk>/", directory.profile_detail, name="profile_detail"),
    # Requests and matches (community/views/requests.py)
    path("members/<int:pk>/ask/", requests.request_create, name="request_create"),
    path("requests/", requests.request_list, name="requests"),
    path("requests/<int:pk>/accept/", requests.request_accept, name="request_accept"),
    path(
        "requests/<int:pk>/decline/", requests.request_decline, name="request_decline"
    ),
    path(
        "requests/<int:pk>/withdraw/",
        requests.request_withdraw,
        name="request_withdraw",
    ),
    path("matches/", requests.match_list, name="matches"),
    path("matches/<int:pk>/", requests.match_detail, name="match_detail"),
    path("matches/<int:pk>/end/", requests.match_end, name="match_end"),
    path("checkins/<int:pk>/", checkins.checkin, name="checkin"),
    # A pair's meetings (community/views/meetings.py)
    path("matches/<int:pk>/meeting/", meetings.meeting_new, name="meeting_new"),
    path("matches/<int:pk>/meetings/box/", meetings.box, name="meeting_box"),
    path("meetings/<int:pk>/accept/", meetings.accept, name="meeting_accept"),
    path("meetings/<int:pk>/decline/", meetings.decline, name="meeting_decline"),
    path("meetings/<int:pk>/cancel/", meetings.cancel, name="meeting_cancel"),
    # Chat (community/views/chat.py; live through community/realtime/)
    path("messages/", chat.conversation_list, name="conversations"),
    path(
        "messages/settings/",
        chat.unread_email_setting,
        name="unread_email_setting",
    ),
    path("messages/<int:pk>/", chat.conversation_detail, name="conversation"),
    path(
        "messages/<int:pk>/report/<int:message_pk>/",
        chat.message_report_view,
        name="message_report",
    ),
    # Event sign-ups (community/views/events.py); the event pages are Wagtail's
    path("events/<int:event_id>/signup/", events.signup, name="event_signup"),
    path("events/<int:event_id>/cancel/", events.cancel, name="event_cancel"),
    path("me/events/", events.my_events_view, name="my_events"),
    # Safety (community/views/safety.py)
    path("members/<int:pk>/block/", safety.block, name="block"),
    path("members/<int:pk>/unblock/", safety.unblock, name="unblock"),
    path("members/<int:pk>/report/", safety.report, name="report"),
    path("me/blocked/", safety.blocked_list, name="blocked_list"),
    # Announcements: the unsubscribe link, and the switch in the profile
    # settings (community/views/announcements.py)
    path("unsubscribe/<str:token>/", announcements.unsubscribe, name="unsubscribe"),
    path(
        "me/announcements/",
        announcements.announcement_email_setting,
        name="announcement_email_setting",
    ),
    # Partner programmes (community/views/programmes.py)
    path("join/<str:code>/", programmes.join, name="programme_join"),
]
