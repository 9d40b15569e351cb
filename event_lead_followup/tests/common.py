from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# (attribute, login, group of event_lead_followup, name): one user per role
ROLE_USERS = (
    ("user_operator", "el_operator", "group_event_lead_operator", "Olga Operator"),
    ("user_advisor", "el_advisor", "group_event_lead_advisor", "Anna Advisor"),
    ("user_advisor2", "el_advisor2", "group_event_lead_advisor", "Boris Advisor"),
    ("user_manager", "el_manager", "group_event_lead_manager", "Maria Manager"),
    ("user_accountant", "el_accountant", "group_event_lead_accountant", "Irina Accountant"),
    ("user_marketing", "el_marketing", "group_event_lead_marketing", "Mark Marketing"),
)


class EventLeadCommon(TransactionCase):
    """Users for every role of the product, created once per test class.

    Tests never rely on demo data: each role is a fresh user whose name tells
    the role, so that error messages naming an owner are easy to assert.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, no_reset_password=True))
        for attribute, login, group, name in ROLE_USERS:
            setattr(cls, attribute, cls._role_user(login, group, name))

        # the department of the tests follows the deal statuses, whatever the
        # database's own teams do
        cls.sales_team = cls.env["crm.team"].create(
            {
                "name": "Event sales (tests)",
                "user_id": cls.user_manager.id,
                "event_lead_follow_statuses": True,
                "sequence": 200,
                "member_ids": [
                    Command.set((cls.user_operator | cls.user_advisor | cls.user_advisor2 | cls.user_manager).ids)
                ],
            }
        )

    @classmethod
    def _role_user(cls, login, group, name):
        """A user of ``group`` (of event_lead_followup) named ``name``, mailed at name.surname@example.com."""
        return new_test_user(
            cls.env,
            login,
            f"event_lead_followup.{group}",
            context={"mail_create_nolog": True, "no_reset_password": True},
            name=name,
            email=f"{name.lower().replace(' ', '.')}@example.com",
        )

    @classmethod
    def _russian_reader(cls, user, modules=("event_lead_followup",)):
        """Russian for ``user``: the language active, the addons' Russian
        loaded, as in a database where Russian was added. Returns the English
        reader of the same texts: the administrator, who keeps English."""
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(list(modules), ["ru_RU"], overwrite=True)
        user.lang = "ru_RU"
        admin = cls.env.ref("base.user_admin")
        admin.lang = "en_US"
        return admin

    @classmethod
    def _visible_menus(cls, user):
        """The xml ids of the menus ``user`` reaches in the web client.

        A menu is reachable when it and all its ancestors are visible to the
        user (the web client builds the menu tree from the visible roots).
        """
        Menu = cls.env["ir.ui.menu"]
        visible = Menu.with_user(user)._visible_menu_ids()
        reachable = Menu.browse(visible).filtered(
            lambda menu: all(int(i) in visible for i in menu.parent_path.split("/") if i)
        )
        return set(reachable.get_external_id().values())

    @classmethod
    def _stage_facts(cls, stage):
        """The facts (our offer, the client's budget) a deal needs to enter ``stage``."""
        facts = {}
        if stage.event_lead_offer_min:
            facts["event_lead_offer_state"] = stage.event_lead_offer_min
        if stage.event_lead_budget_min:
            facts["event_lead_budget_state"] = stage.event_lead_budget_min
        return facts

    @classmethod
    def _win_deal(cls, lead, user=None):
        """Win ``lead`` the way users must: through the mandatory deal statuses,
        with the documents the won check needs sent, then *Won*."""
        lead = lead.with_user(user) if user else lead
        mandatory = cls.env["crm.stage"].search([("event_lead_mandatory", "=", True)], order="sequence, id")
        for stage in mandatory._event_lead_applies_to(lead.team_id):
            if stage not in lead.event_lead_passed_stage_ids:
                lead.write({"stage_id": stage.id, **cls._stage_facts(stage)})
        lead.sudo().event_lead_document_ids.filtered(
            lambda doc: doc.document_type_id.won_min_state and doc.state in ("to_prepare", "prepared")
        ).write({"state": "sent"})
        lead.action_set_won()
        return lead
