"""static/js/live-socket.js: when the server goes away (a restart), every open
page sees it at the same moment, so the first try to reconnect is spread over
ten seconds; a socket dropped for any other reason comes back within half a
second."""

import re

from tests.browser.services import signed_in_tab
from tests.factories import make_member

# Math.random at its highest, so the spread shows in full, and the page's waits
# of a quarter second or more recorded.
RECORD_WAITS = """
Math.random = () => 0.999;
window.__waits = [];
const realSetTimeout = window.setTimeout.bind(window);
window.setTimeout = (fn, ms, ...rest) => {
  if (ms >= 250) window.__waits.push(ms);
  return realSetTimeout(fn, ms, ...rest);
};
"""


def test_the_first_reconnect_after_a_restart_is_spread(chromium, live_server_url):
    problems: list[str] = []
    tab = signed_in_tab(chromium, live_server_url, make_member(role="host"), problems)
    tab.add_init_script(RECORD_WAITS)
    sockets = []

    def route(socket):
        socket.connect_to_server()
        sockets.append(socket)

    tab.route_web_socket(re.compile(r"/ws/notifications/"), route)
    tab.goto("/members/")
    tab.wait_for_timeout(500)
    assert len(sockets) == 1

    sockets[-1].close(code=4000, reason="dropped")  # not a restart
    tab.wait_for_timeout(1500)
    assert len(sockets) == 2  # back within half a second
    first = tab.evaluate("window.__waits.slice()")

    sockets[-1].close(code=1012, reason="service restart")
    tab.wait_for_timeout(1000)
    waits = tab.evaluate("window.__waits.slice()")
    tab.context.close()

    assert [w for w in first if 250 <= w <= 500]
    spread = waits[len(first) :]
    assert any(10_000 < w <= 10_500 for w in spread), spread
    assert len(sockets) == 2  # still waiting its turn
    assert not problems, problems
