"""Who may see whom (community/selectors/visibility.py), asked as a person would.

One rule: a member sees themself, and, when listed themself (not waiting for a
coordinator's approval or declined), another member who has not left, is
listed (approved if their programme asks it), has no block with them either
way, and is either findable (available, in their match pool) or in touch with
them (a request or a match, in any state).
Every per-member address answers for a member one may not see exactly as the
profile page does, a 404, and a POST to it changes nothing; the one exception is
lifting one's own block.

The matrix: each viewer (anonymous, the member themself, other members, a
matched pair, a paused target, blocks either way, closed programmes, departed
and deactivated members, members waiting for approval or declined on either
side, coordinators in and out of scope, an editor) against
every ``members/<pk>/...`` address, by GET and by POST; then the lists, the two
sockets, and the rule's two forms against a plain Python oracle.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Block, Match, MatchRequest, Profile, Report
from community.selectors.visibility import (
    blocked_ids,
    findable_by,
    visible_member,
    visible_other,
    visible_to,
)
from community.services.approvals import member_approve, member_decline
from community.services.profiles import account_delete
from community.services.programmes import (
    profile_programme_set,
    programme_coordinators_set,
)
from community.services.requests import match_end, match_request_decline
from community.services.safety import member_block
from tests.factories import (
    REQUEST_MESSAGE,
    EditorFactory,
    UserFactory,
    make_match,
    make_member,
    make_photo_bytes,
    make_programme,
    make_request,
)
from tests.sockets import opens, session_cookie, socket

TARGET = "Zenobia Target"
REPORT_REASON = "Asked me for money twice after our first coffee."


# --- The target, and who looks at them --------------------------------------------


def make_target(**fields) -> Profile:
    """The member everyone looks at: a host with room for two (unless said),
    who shows a photo."""
    fields = {"capacity": 2} | fields
    target = make_member(role="host", display_name=TARGET, show_photo=True, **fields)
    target.photo.save("target.jpg", ContentFile(make_photo_bytes(size=(40, 40))))
    return target


def pause(profile: Profile) -> None:
    Profile.objects.filter(pk=profile.pk).update(is_available=False)


def closed_programme(name: str = "Closed programme", **fields):
    return make_programme(name, within_programme_only=True, **fields)


def coordinator_of(programme):
    user = UserFactory()
    programme_coordinators_set(programme=programme, users=[user])
    return user


def viewer(**fields) -> Profile:
    return make_member(display_name="Vera Viewer", **fields)


# Each builder makes the target and the situation, and returns the target and
# the viewer's user (None: signed out).


def anonymous():
    return make_target(), None


def themself():
    target = make_target()
    return target, target.user


def another_member():
    target = make_target()
    return target, viewer().user


def another_host():
    target = make_target()
    return target, viewer(role="host").user


def matched_pair():
    target = make_target()
    me = viewer()
    make_match(me, target)
    return target, me.user


def request_waiting():
    target = make_target()
    me = viewer()
    make_request(me, target)
    return target, me.user


def paused_target():
    target = make_target()
    pause(target)
    return target, viewer().user


def paused_target_matched_with_me():
    target = make_target()
    me = viewer()
    make_match(me, target)
    pause(target)
    return target, me.user


def paused_target_who_declined_me():
    target = make_target()
    me = viewer()
    match_request_decline(request=make_request(me, target), by=target)
    pause(target)
    return target, me.user


def paused_target_after_our_match_ended():
    target = make_target()
    me = viewer()
    match_end(match=make_match(me, target), by=target, reason="We moved away.")
    pause(target)
    return target, me.user


def target_blocked_me():
    target = make_target()
    me = viewer()
    member_block(blocker=target, blocked=me)
    return target, me.user


def i_blocked_target():
    target = make_target()
    me = viewer()
    member_block(blocker=me, blocked=target)
    return target, me.user


def i_blocked_my_match():
    target = make_target()
    me = viewer()
    make_match(me, target)
    member_block(blocker=me, blocked=target)
    return target, me.user


def i_am_in_a_closed_programme():
    target = make_target()
    return target, viewer(programme=closed_programme()).user


def target_in_a_closed_programme():
    target = make_target(programme=closed_programme())
    return target, viewer().user


def both_in_the_same_closed_programme():
    programme = closed_programme()
    target = make_target(programme=programme)
    return target, viewer(programme=programme).user


def target_joined_a_closed_programme_after_our_match():
    target = make_target()
    me = viewer()
    make_match(me, target)
    profile_programme_set(profile=target, programme=closed_programme())
    return target, me.user


def departed_target():
    target = make_target()
    account_delete(user=target.user)
    return target, viewer().user


def departed_target_i_was_matched_with():
    target = make_target()
    me = viewer()
    make_match(me, target)
    account_delete(user=target.user)
    return target, me.user


def deactivated_target_i_am_matched_with():
    target = make_target()
    me = viewer()
    make_match(me, target)
    target.user.is_active = False
    target.user.save()
    return target, me.user


def coordinator_in_scope():
    programme = make_programme("Aarhus Sailing Club")
    target = make_target(programme=programme)
    return target, coordinator_of(programme)


def coordinator_out_of_scope():
    target = make_target(programme=make_programme("Aarhus Sailing Club"))
    return target, coordinator_of(make_programme("Odense Rowing Club"))


def site_coordinator():
    target = make_target()
    group, _created = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    return target, user


def editor():
    target = make_target()
    return target, EditorFactory()


def coordinator_in_scope_who_is_a_member_outside_it():
    programme = closed_programme()
    target = make_target(programme=programme)
    me = viewer()
    programme_coordinators_set(programme=programme, users=[me.user])
    return target, me.user


def member_with_an_incomplete_profile():
    target = make_target()
    return target, viewer(interests=["Hiking"]).user


# Coordinator approval: hosts of no programme wait by default
# (VELKOMST_APPROVAL_WITHOUT_PROGRAMME); approval="not_needed" lets the
# setting decide, as when a member finishes the set-up.
DECLINE_MESSAGE = "We could not reach you by phone; please write to us."


def target_waits_for_approval():
    target = make_target(approval="not_needed")
    assert target.approval == "waiting"
    return target, viewer().user


def target_was_declined():
    target = make_target(approval="not_needed")
    member_decline(member=target, coordinator=UserFactory(), message=DECLINE_MESSAGE)
    return target, viewer().user


def target_was_approved_after_waiting():
    target = make_target(approval="not_needed")
    member_approve(member=target, coordinator=UserFactory())
    return target, viewer().user


def i_wait_for_approval():
    target = make_target()
    me = viewer(role="newcomer", approval="not_needed", programme=everyone_asked())
    assert me.approval == "waiting"
    return target, me.user


def i_was_declined():
    target = make_target()
    me = viewer(approval="not_needed", programme=everyone_asked())
    member_decline(member=me, coordinator=UserFactory(), message=DECLINE_MESSAGE)
    return target, me.user


def everyone_asked():
    return make_programme("Careful programme", approval="everyone")


def a_newcomer_whom_nobody_asks_to_wait():
    target = make_target()
    me = viewer(approval="not_needed")
    assert me.approval == "not_needed"
    return target, me.user


# --- What each viewer should meet ---------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One viewer. ``sees``: "login" (signed out), "setup" (no complete member
    profile), "self", "visible" or "hidden". ``ask``: what asking the target
    does when visible ("asks", "refused": the form says why, or "404": paused).
    ``unblocks``: the viewer blocked the target and may lift it. ``listed`` and
    ``suggested``: the target shows in the directory (Everyone) and in the
    viewer's suggestions."""

    build: Callable
    sees: str
    ask: str = "404"
    unblocks: bool = False
    listed: bool = False
    suggested: bool = False


ROWS = {
    "anonymous": Row(anonymous, "login"),
    "the member themself": Row(themself, "self"),
    "another member": Row(
        another_member, "visible", "asks", listed=True, suggested=True
    ),
    "another host": Row(another_host, "visible", "refused", listed=True),
    "matched pair": Row(matched_pair, "visible", "refused", listed=True),
    "request waiting": Row(request_waiting, "visible", "refused", listed=True),
    "paused target": Row(paused_target, "hidden"),
    "paused target, matched with me": Row(paused_target_matched_with_me, "visible"),
    "paused target who declined me": Row(paused_target_who_declined_me, "visible"),
    "paused target, our match ended": Row(
        paused_target_after_our_match_ended, "visible"
    ),
    "target blocked me": Row(target_blocked_me, "hidden"),
    "I blocked target": Row(i_blocked_target, "hidden", unblocks=True),
    "I blocked my match": Row(i_blocked_my_match, "hidden", unblocks=True),
    "I am in another closed programme": Row(i_am_in_a_closed_programme, "hidden"),
    "target in a closed programme": Row(target_in_a_closed_programme, "hidden"),
    "both in one closed programme": Row(
        both_in_the_same_closed_programme,
        "visible",
        "asks",
        listed=True,
        suggested=True,
    ),
    "target joined a closed programme after our match": Row(
        target_joined_a_closed_programme_after_our_match, "visible", "refused"
    ),
    "departed target": Row(departed_target, "hidden"),
    "departed target, was my match": Row(departed_target_i_was_matched_with, "hidden"),
    "deactivated target, my match": Row(deactivated_target_i_am_matched_with, "hidden"),
    "coordinator in scope": Row(coordinator_in_scope, "setup"),
    "coordinator out of scope": Row(coordinator_out_of_scope, "setup"),
    "site coordinator": Row(site_coordinator, "setup"),
    "editor": Row(editor, "setup"),
    "coordinator in scope, member outside it": Row(
        coordinator_in_scope_who_is_a_member_outside_it, "hidden"
    ),
    "incomplete member": Row(member_with_an_incomplete_profile, "setup"),
    "target waits for approval": Row(target_waits_for_approval, "hidden"),
    "target was declined": Row(target_was_declined, "hidden"),
    "target approved after waiting": Row(
        target_was_approved_after_waiting,
        "visible",
        "asks",
        listed=True,
        suggested=True,
    ),
    "I wait for approval": Row(i_wait_for_approval, "hidden"),
    "I was declined": Row(i_was_declined, "hidden"),
    "newcomer nobody asks to wait": Row(
        a_newcomer_whom_nobody_asks_to_wait,
        "visible",
        "asks",
        listed=True,
        suggested=True,
    ),
}

MEMBER_URLS = {
    "profile": "community:profile_detail",
    "photo": "community:profile_photo",
    "ask": "community:request_create",
    "report": "community:report",
    "block": "community:block",
    "unblock": "community:unblock",
}

POSTED = {
    "ask": {"message": REQUEST_MESSAGE, "confirm_expectations": "on"},
    "report": {"reason": REPORT_REASON},
}

NOT_ALLOWED = {("unblock", "GET"), ("photo", "POST")}  # 405 for everyone signed in


@dataclass(frozen=True)
class Answer:
    status: int
    name_shown: bool = False
    redirect: str = ""
    written: tuple = ()  # ("Report", +1), ...


def expected(row: Row, page: str, method: str) -> Answer:
    """What a person meets at ``page`` by ``method``, worked out from the row's
    words alone, never from the code under test."""
    if row.sees == "login":
        if (page, method) == ("unblock", "GET"):
            return Answer(405)
        return Answer(302, redirect=reverse("account_login"))
    if (page, method) in NOT_ALLOWED:
        return Answer(405)
    if row.sees == "setup":
        return Answer(302, redirect=reverse("community:profile_setup"))
    if page == "unblock":
        if row.unblocks:
            return Answer(302, written=(("Block", -1),))
        return Answer(404)
    if row.sees == "hidden":
        return Answer(404)
    if row.sees == "self" and page not in ("profile", "photo"):
        return Answer(404)  # nobody asks, reports or blocks themself
    if page in ("profile", "photo"):
        return Answer(200, name_shown=page == "profile")
    if page == "ask":
        if row.ask == "404":
            return Answer(404)
        if method == "GET" or row.ask == "refused":
            return Answer(200, name_shown=True)
        return Answer(302, written=(("MatchRequest", +1),))
    if method == "GET":
        return Answer(200, name_shown=True)
    return Answer(302, written=((page.title(), +1),))


def _counts() -> dict[str, int]:
    return {
        "Report": Report.objects.count(),
        "Block": Block.objects.count(),
        "MatchRequest": MatchRequest.objects.count(),
    }


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode()


def _same_page(html: str) -> str:
    """The page without the per-response CSRF token and the address itself."""
    html = re.sub(r'value="[^"]{32,}"', "", html)
    return re.sub(r"/members/\d+/(\w+/)?", "/members/N/", html)


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(MEMBER_URLS))
@pytest.mark.parametrize("row_name", list(ROWS))
def test_every_member_address_answers_as_the_profile_page_does(
    client, home_page, row_name, page
):
    row = ROWS[row_name]
    target, user = row.build()
    if user is not None:
        client.force_login(user)
    url = reverse(MEMBER_URLS[page], args=[target.pk])
    not_found = _same_page(
        _body(client.get(reverse("community:profile_detail", args=[999_999])))
    )

    for method in ("GET", "POST"):
        want = expected(row, page, method)
        before = _counts()
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, POSTED.get(page, {}))
        body = _body(response)
        cell = f"{row_name} / {page} / {method}"
        assert response.status_code == want.status, cell
        if page != "photo" or response.status_code != 200:
            assert (TARGET in body) == want.name_shown, cell
        else:
            assert response["Content-Type"] == "image/jpeg", cell
        if want.redirect:
            assert response["Location"].startswith(want.redirect), cell
        if want.status == 404:
            assert _same_page(body) == not_found, cell
        changed = {
            name: after - before[name]
            for name, after in _counts().items()
            if after != before[name]
        }
        assert changed == dict(want.written), cell


# --- The lists ---------------------------------------------------------------------


MEMBER_ROWS = [
    name for name, row in ROWS.items() if row.sees in ("self", "visible", "hidden")
]


@pytest.mark.django_db
@pytest.mark.parametrize("row_name", MEMBER_ROWS)
def test_the_directory_and_suggestions_list_only_findable_members(
    client, home_page, row_name
):
    row = ROWS[row_name]
    _target, user = row.build()
    client.force_login(user)

    everyone = client.get(reverse("community:directory"), {"role": "all"})
    suggested = client.get(reverse("community:suggested"))

    assert (TARGET in everyone.content.decode()) == row.listed
    assert (TARGET in suggested.content.decode()) == row.suggested


# --- The rule, checked against a plain Python oracle ----------------------------------


def oracle_sees(viewer: Profile, member: Profile, blocks, touches) -> bool:
    """The rule as the module docstring says it, over plain rows."""
    if viewer.pk == member.pk:
        return True
    if viewer.approval in ("waiting", "declined") or not viewer.is_listed:
        return False
    if member.approval in ("waiting", "declined"):
        return False
    if member.is_deleted or not member.is_listed:
        return False
    if {(viewer.pk, member.pk), (member.pk, viewer.pk)} & blocks:
        return False
    findable = member.is_available and member.match_pool == viewer.match_pool
    return findable or frozenset((viewer.pk, member.pk)) in touches


def oracle_findable(viewer, member, blocks, busy_pairs, *, busy: bool) -> bool:
    pair = frozenset((viewer.pk, member.pk))
    return (
        viewer.pk != member.pk
        and oracle_sees(viewer, member, blocks, set())
        and member.is_available
        and member.match_pool == viewer.match_pool
        and not (busy and pair in busy_pairs)
    )


@pytest.fixture
def crowd(db):
    """Members in every state the rule knows, with requests, matches and blocks
    between some of them."""
    closed = closed_programme()
    careful = make_programme("Careful programme", approval="everyone")
    people = {
        "host": make_member(role="host", capacity=3),
        "newcomer": make_member(),
        "paused": make_member(role="host", capacity=3),
        "closed host": make_member(role="host", programme=closed),
        "moved newcomer": make_member(),
        "blocker": make_member(role="host"),
        "departing": make_member(role="host"),
        "deactivated": make_member(role="host"),
        "incomplete": make_member(interests=["Hiking"]),
        "asker": make_member(),
        "declined": make_member(),
        "former match": make_member(),
        # Coordinator approval, on both sides.
        "waiting host": make_member(role="host", approval="not_needed"),
        "declined host": make_member(role="host", approval="not_needed"),
        "approved host": make_member(role="host", approval="not_needed"),
        "waiting newcomer": make_member(approval="not_needed", programme=careful),
        "newcomer nobody asks": make_member(approval="not_needed"),
        "newcomer who joined a careful programme": make_member(approval="not_needed"),
        "newcomer in touch who joined it": make_member(approval="not_needed"),
    }
    p = people
    make_match(p["newcomer"], p["paused"])
    make_request(p["asker"], p["host"])
    match_request_decline(
        request=make_request(p["declined"], p["paused"]), by=p["paused"]
    )
    match_end(
        match=make_match(p["former match"], p["host"]), by=p["host"], reason="Moved."
    )
    make_match(p["moved newcomer"], p["host"])
    profile_programme_set(profile=p["moved newcomer"], programme=closed)
    member_block(blocker=p["blocker"], blocked=p["newcomer"])
    member_block(blocker=p["asker"], blocked=p["closed host"])
    make_request(p["declined"], p["deactivated"])
    account_delete(user=p["departing"].user)
    p["deactivated"].user.is_active = False
    p["deactivated"].user.save()
    pause(p["paused"])
    coordinator = UserFactory()
    member_decline(
        member=p["declined host"], coordinator=coordinator, message=DECLINE_MESSAGE
    )
    member_approve(member=p["approved host"], coordinator=coordinator)
    # Joining a programme that asks everyone: a member nobody knows yet waits,
    # one already in touch with members counts as approved.
    make_request(p["newcomer in touch who joined it"], p["blocker"])
    for name in (
        "newcomer who joined a careful programme",
        "newcomer in touch who joined it",
    ):
        profile_programme_set(profile=p[name], programme=careful)
    states = dict(Profile.objects.values_list("display_name", "approval"))
    assert states[p["waiting host"].display_name] == "waiting"
    assert states[p["waiting newcomer"].display_name] == "waiting"
    assert states[p["newcomer nobody asks"].display_name] == "not_needed"
    assert states[p["newcomer who joined a careful programme"].display_name] == (
        "waiting"
    )
    assert states[p["newcomer in touch who joined it"].display_name] == "approved"
    return list(Profile.objects.order_by("pk"))


def _relations():
    blocks = set(Block.objects.values_list("blocker_id", "blocked_id"))
    touches = {
        frozenset(pair)
        for pair in [
            *MatchRequest.objects.values_list("sender_id", "recipient_id"),
            *Match.objects.values_list("host_id", "newcomer_id"),
        ]
    }
    busy = {
        frozenset(pair)
        for pair in [
            *MatchRequest.objects.filter(status="pending").values_list(
                "sender_id", "recipient_id"
            ),
            *Match.objects.filter(status="active").values_list(
                "host_id", "newcomer_id"
            ),
        ]
    }
    return blocks, touches, busy


def test_one_member_at_a_time_the_rule_agrees_with_the_oracle(crowd):
    blocks, touches, _busy = _relations()
    disagreements = []
    for viewer_ in crowd:
        for member in crowd:
            seen = visible_member(viewer=viewer_, pk=member.pk) is not None
            if seen != oracle_sees(viewer_, member, blocks, touches):
                disagreements.append((viewer_.display_name, member.display_name))
    assert disagreements == []
    # Somebody sees somebody only by being in touch, and somebody is hidden.
    assert any(
        oracle_sees(v, m, blocks, touches) and not m.is_available
        for v in crowd
        for m in crowd
        if v.pk != m.pk
    )


def test_as_a_condition_on_all_profiles_the_rule_agrees_with_the_oracle(crowd):
    blocks, touches, _busy = _relations()
    for viewer_ in crowd:
        seen = set(
            Profile.objects.filter(visible_to(viewer_)).values_list("pk", flat=True)
        )
        wanted = {m.pk for m in crowd if oracle_sees(viewer_, m, blocks, touches)}
        assert seen == wanted, viewer_.display_name


@pytest.mark.parametrize("busy", [False, True])
def test_the_lists_fast_path_agrees_with_the_oracle(crowd, busy):
    blocks, _touches, busy_pairs = _relations()
    for viewer_ in crowd:
        found = set(findable_by(viewer_, busy=busy).values_list("pk", flat=True))
        wanted = {
            m.pk
            for m in crowd
            if oracle_findable(viewer_, m, blocks, busy_pairs, busy=busy)
        }
        assert found == wanted, viewer_.display_name


def test_checking_one_member_is_one_query(crowd, django_assert_num_queries):
    viewer_, member = crowd[0], crowd[1]
    with django_assert_num_queries(1):
        visible_member(viewer=viewer_, pk=member.pk)
    with django_assert_num_queries(1):
        visible_other(viewer=viewer_, pk=member.pk)
    with django_assert_num_queries(0):
        assert visible_other(viewer=viewer_, pk=viewer_.pk) is None


def test_the_lists_read_the_blocks_in_one_query(crowd):
    with CaptureQueriesContext(connection) as captured:
        blocked_ids(crowd[0], busy=True)
    assert len(captured.captured_queries) == 1


# --- The two sockets --------------------------------------------------------------


def _chat(match) -> str:
    return f"/ws/conversations/{match.conversation.pk}/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_chat_socket_opens_only_to_the_pair_of_an_active_match(
    fresh_channel_layer,
):
    """Each viewer tries the conversation of a match; the socket opens for the
    two members of an active match only, and never to someone the rule hides
    the other member from."""
    from tests.live import run_async

    sailing = make_programme("Aarhus Sailing Club")
    target = make_target(programme=sailing, capacity=3)
    partner = viewer()
    conversation = make_match(partner, target)
    blocker = viewer()
    blocked_match = make_match(blocker, target)
    member_block(blocker=blocker, blocked=target)
    paused, paused_partner = make_target(), viewer()
    paused_match = make_match(paused_partner, paused)
    pause(paused)
    moved, moved_partner = make_target(), viewer()
    moved_match = make_match(moved_partner, moved)
    profile_programme_set(profile=moved, programme=closed_programme())
    departed, departed_partner = make_target(), viewer()
    departed_match = make_match(departed_partner, departed)
    account_delete(user=departed.user)
    stranger = viewer()
    elsewhere = viewer(programme=closed_programme("Vestas host families"))
    group, _created = Group.objects.get_or_create(name="Coordinators")
    site = UserFactory()
    site.groups.add(group)

    attempts = {
        "anonymous": (None, conversation, False),
        "the member themself": (target.user, conversation, True),
        "matched pair": (partner.user, conversation, True),
        "another member": (stranger.user, conversation, False),
        "member of another closed programme": (elsewhere.user, conversation, False),
        "I blocked my match": (blocker.user, blocked_match, False),
        "my match blocked me": (target.user, blocked_match, False),
        "my match paused": (paused_partner.user, paused_match, True),
        "paused, matched": (paused.user, paused_match, True),
        "my match joined a closed programme": (moved_partner.user, moved_match, True),
        "my match departed": (departed_partner.user, departed_match, False),
        "coordinator in scope": (coordinator_of(sailing), conversation, False),
        "coordinator out of scope": (
            coordinator_of(make_programme("Odense Rowing Club")),
            conversation,
            False,
        ),
        "site coordinator": (site, conversation, False),
        "editor": (EditorFactory(), conversation, False),
    }

    cookies = {name: session_cookie(user) for name, (user, _m, _w) in attempts.items()}

    async def scenario():
        opened = {}
        for name, (_user, match, _wanted) in attempts.items():
            opened[name] = await opens(_chat(match), cookies[name])
        return opened

    opened = run_async(scenario)
    assert opened == {name: wanted for name, (_u, _m, wanted) in attempts.items()}
    for name, (user, match, _wanted) in attempts.items():
        if opened[name]:
            me = Profile.objects.get(user=user)
            other = match.newcomer if match.host_id == me.pk else match.host
            assert visible_other(viewer=me, pk=other.pk) is not None, name


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_notification_socket_tells_each_user_only_their_own_counts(
    fresh_channel_layer,
):
    from tests.live import run_async

    target = make_target()
    partner = viewer()
    make_request(partner, target)
    hidden_from = viewer()
    member_block(blocker=target, blocked=hidden_from)
    users = {
        "anonymous": None,
        "the member themself": target.user,
        "asking member": partner.user,
        "blocked member": hidden_from.user,
        "editor": EditorFactory(),
    }

    cookies = {name: session_cookie(user) for name, user in users.items()}

    async def scenario():
        seen = {}
        for name in users:
            communicator = socket("/ws/notifications/", cookies[name])
            ok, _ = await communicator.connect()
            seen[name] = await communicator.receive_json_from(timeout=3) if ok else None
            await communicator.disconnect()
        return seen

    seen = run_async(scenario)
    assert seen["anonymous"] is None
    assert seen["the member themself"]["pending"] == 1
    for name in ("asking member", "blocked member", "editor"):
        assert seen[name]["pending"] == 0, name
    for frame in filter(None, seen.values()):
        assert set(frame) == {
            "type",
            "unread_messages",
            "requests",
            "pending",
            "answers",
        }
        assert TARGET not in str(frame)


# The chat socket follows the rule too: refused when the other member's account
# is gone or a block stands between them.


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_chat_socket_refuses_the_partner_of_a_deactivated_member(
    fresh_channel_layer,
):
    from tests.live import run_async

    target, partner = make_target(), viewer()
    match = make_match(partner, target)
    target.user.is_active = False
    target.user.save()
    cookie = session_cookie(partner.user)

    assert visible_other(viewer=partner, pk=target.pk) is None
    assert run_async(opens, _chat(match), cookie) is False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_chat_socket_refuses_a_pair_with_a_block_between_them(
    fresh_channel_layer,
):
    from tests.live import run_async

    target, partner = make_target(), viewer()
    match = make_match(partner, target)
    Block.objects.create(blocker=target, blocked=partner)  # as the race leaves it
    cookie = session_cookie(partner.user)

    assert run_async(opens, _chat(match), cookie) is False
