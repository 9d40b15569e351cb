"""The three addons installed together: invariants across all of them."""

from .common import ScenarioCase

ADDONS = ("event_lead_followup", "event_lead_tags", "event_lead_reports")
ROLES = (
    "event_lead_followup.group_event_lead_operator",
    "event_lead_followup.group_event_lead_advisor",
    "event_lead_followup.group_event_lead_manager",
    "event_lead_followup.group_event_lead_accountant",
    "event_lead_followup.group_event_lead_marketing",
)


class TestInstalledTogether(ScenarioCase):
    def test_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(sorted(modules.mapped("name")), sorted(ADDONS))
        self.assertEqual(set(modules.mapped("state")), {"installed"})

    def test_every_model_has_access_rows_per_role(self):
        """Each model our addons add states the rights of every role.

        A role with no rights on a model still gets a row (all rights off),
        so that nobody forgets to decide.
        """
        data = self.env["ir.model.data"].search([("model", "=", "ir.model"), ("module", "in", ADDONS)])
        # an addon that only extends a model (res.partner) gets an xml id for
        # it too: keep the models that no other module declares
        others = self.env["ir.model.data"].search(
            [
                ("model", "=", "ir.model"),
                ("res_id", "in", data.mapped("res_id")),
                ("module", "not in", ADDONS),
            ]
        )
        models = self.env["ir.model"].browse(set(data.mapped("res_id")) - set(others.mapped("res_id")))
        models = models.filtered(lambda m: not m.transient)
        roles = [self.env.ref(xml_id) for xml_id in ROLES]
        missing = []
        for model in models.filtered(lambda m: not self.env[m.model]._abstract):
            access_groups = self.env["ir.model.access"].search([("model_id", "=", model.id)]).mapped("group_id")
            missing += [f"{model.model}: {role.name}" for role in roles if role not in access_groups]
        self.assertFalse(missing, "models without an access row for a role")

    def test_russian_users_see_russian(self):
        """With Russian loaded, the roles and menus read in Russian."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(list(ADDONS), ["ru_RU"], overwrite=True)
        ru = self.env(context={"lang": "ru_RU"})
        self.assertEqual(ru.ref("event_lead_followup.group_event_lead_advisor").name, "Советник по продажам")
        self.assertEqual(ru.ref("event_lead_followup.event_lead_menu_root").name, "Мероприятия и лиды")
        self.assertEqual(ru.ref("event_lead_reports.event_lead_reports_menu_pipeline").name, "Анализ воронки продаж")
