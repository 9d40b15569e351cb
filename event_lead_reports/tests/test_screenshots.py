"""Screenshots of the main screens for the README (docs/screens/*.png).

Not a test: run by ``setup/screenshots.sh`` on a database with the demo data
(``--test-tags screenshots``); never part of the default suite (``-standard``).
Each screen is opened in Odoo's test browser (headless Chromium, 1366x768),
brought into shape by a tiny tour when needed (event_lead_screens_tour.js),
captured and written as a palette PNG. Records are found by search, not by
xml id, so that the screens follow the demo data as it grows.
"""

import base64
import io
import json
import logging
import os
import pathlib
import time

from PIL import Image

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

_logger = logging.getLogger(__name__)

OUT_DIR = pathlib.Path(
    os.environ.get("EL_SCREENSHOTS_DIR") or pathlib.Path(__file__).resolve().parents[2] / "docs" / "screens"
)
# nothing is loading, no animation half-way
SETTLED = (
    "document.readyState === 'complete' && odoo.isReady"
    " && !document.querySelector('.o_loading_indicator, .o_view_sample_data .o_nocontent_help, .o-mail-Thread-loading')"
)


@tagged("-standard", "-at_install", "post_install", "screenshots")
class TestScreenshots(HttpCase):
    browser_size = "1366x768"

    def _shoot(self, name, url, login="admin", tour=None, ready=None, params=None, click=None):
        """Open ``url`` as ``login`` (password = login, as in the demo data),
        run ``tour``, click ``click`` (a tour may not end on an edited form),
        wait for ``ready`` (a CSS selector) and save the PNG."""
        browser = ChromeBrowser(self, headless=True, success_signal="tour succeeded")
        try:
            with self.allow_requests(browser=browser):
                self.authenticate(login, login, browser=browser)
                self.cr.flush()
                self.cr.clear()
                browser.navigate_to(self.base_url() + url, wait_stop=True)
                self.assertTrue(browser._wait_ready("odoo.isReady"), f"{name}: the web client did not start")
                browser._websocket_request(
                    "Runtime.evaluate", params={"expression": f"window.elScreen = {json.dumps(params or {})}"}
                )
                if tour:
                    browser._wait_code_ok(
                        f"odoo.startTour({json.dumps(tour)}, {{stepDelay: 0, keepWatchBrowser: false, "
                        f"debug: false, startUrl: {json.dumps(url)}, delayToCheckUndeterminisms: 0}})",
                        60,
                    )
                if click:
                    browser._websocket_request(
                        "Runtime.evaluate",
                        params={"expression": f"document.querySelector({json.dumps(click)}).click()"},
                    )
                if ready:
                    self.assertTrue(
                        browser._wait_ready(f"!!document.querySelector({json.dumps(ready)})"),
                        f"{name}: {ready} never showed",
                    )
                self.assertTrue(browser._wait_ready(SETTLED), f"{name}: the page never settled")
                # no focus ring, no hover tooltip on a graph
                browser._websocket_request("Runtime.evaluate", params={"expression": "document.activeElement?.blur()"})
                browser._websocket_request("Input.dispatchMouseEvent", params={"type": "mouseMoved", "x": 0, "y": 0})
                time.sleep(1.5)  # graphs animate, fonts and avatars arrive
                shot = browser._websocket_request("Page.captureScreenshot", params={"format": "png"})
                self._save(name, base64.b64decode(shot["data"]))
        finally:
            browser.stop()

    def _save(self, name, png):
        image = Image.open(io.BytesIO(png)).convert("RGB")
        # a 256-colour palette keeps UI screenshots sharp at a third of the size
        image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        path = OUT_DIR / f"{name}.png"
        image.save(path, optimize=True)
        _logger.info("screenshot %s (%d kB)", path, path.stat().st_size // 1024)

    def _login_of(self, user):
        """A demo user whose password is its login (see README), else admin."""
        return user.login if user and user.login and not user.share else "admin"

    def test_screens(self):
        env = self.env
        Partner = env["res.partner"]
        admin = env.ref("base.user_admin")
        self._shoot(
            "01_clients",
            "/odoo/action-event_lead_followup.res_partner_action_event_lead_clients",
            tour="event_lead_screen_all_records",
            params={"facets": 1},  # "My clients" off, "Working clients" kept
        )
        client = Partner.search(
            [("is_company", "=", True), ("user_id.share", "=", False), ("event_lead_readiness", "!=", False)],
            order="event_lead_last_interaction desc, id",
            limit=1,
        ) or Partner.search([("is_company", "=", True), ("user_id", "!=", False)], limit=1)
        if client:
            self._shoot(
                "02_client_card",
                f"/odoo/action-event_lead_followup.res_partner_action_event_lead_clients/{client.id}",
                ready=".o_form_view .o_notebook",
            )
        # the "New client" check of an advisor, on a client another advisor owns
        advisor = env.ref("base.user_demo", raise_if_not_found=False) or admin
        not_others = advisor | env.ref("base.user_root") | env.company.event_lead_pool_user_id
        others = Partner.search(
            [("is_company", "=", True), ("user_id", "not in", not_others.ids), ("user_id.share", "=", False)], limit=1
        )
        if others:
            self._shoot(
                "03_duplicate_blocked",
                "/odoo/action-event_lead_followup.event_lead_partner_check_action",
                login=self._login_of(advisor),
                tour="event_lead_screen_duplicate",
                params={"name": others[0].name},
            )
        event = env["event.event"].search([], order="date_end desc").filtered("event_lead_no_show_count")[:1]
        if event:
            url = f"/odoo/action-event_lead_followup.event_event_action_event_lead/{event.id}"
            self._shoot("04_event_funnel", url, tour="event_lead_screen_funnel")
            self._shoot("05_no_shows", url, tour="event_lead_screen_no_shows")
        followup = env["mail.activity"].search(
            [
                ("event_lead_followup_kind", "!=", False),
                ("event_lead_registration_id", "!=", False),
                ("activity_type_id.event_lead_result_required", "=", True),
                ("user_id.share", "=", False),
            ],
            order="event_lead_priority desc, id",  # near the top of its user's list
            limit=1,
        )
        if followup:
            self._shoot(
                "06_result_dialog",
                "/odoo/action-event_lead_followup.event_registration_action_my_followups",
                login=self._login_of(followup.user_id),
                tour="event_lead_screen_result_dialog",
                params={"name": followup.event_lead_registration_id.name},
                click=".modal div[name=result_type] input[data-value=postponed]",
                ready=".modal .o_field_widget[name=postpone_reason_id]",
            )
        self._shoot("07_deal_pipeline", "/odoo/crm", tour="event_lead_screen_all_records")
        self._shoot(
            "08_document_package", "/odoo/action-event_lead_followup.event_lead_document_action", ready=".o_data_row"
        )
        if env.ref("event_lead_tags.event_lead_campaign_action", raise_if_not_found=False):
            campaign = env["event.lead.campaign"].search([], order="id", limit=1)
            if campaign:
                self._shoot(
                    "09_campaign",
                    f"/odoo/action-event_lead_tags.event_lead_campaign_action/{campaign.id}",
                    ready=".o_form_view",
                )
        self._shoot(
            "10_contacts_per_person",
            "/odoo/action-event_lead_reports.event_lead_contact_report_action",
            ready=".o_pivot",
        )
        self._shoot(
            "11_funnel_report", "/odoo/action-event_lead_reports.event_lead_funnel_report_action", ready=".o_pivot"
        )
        self._shoot(
            "12_dashboard",
            "/odoo/action-event_lead_reports.event_lead_dashboard_action",
            ready=".o_dashboard .o_graph_renderer canvas",
        )
