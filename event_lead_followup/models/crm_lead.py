from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from ..tools import waivers
from .crm_stage import BUDGET_STATES, OFFER_STATES

# Rating: a repeat buyer's deal weighs more, up to twice a first deal.
RATING_REPEAT_STEP = 0.25
RATING_REPEAT_CAP = 4


class CrmLead(models.Model):
    _inherit = "crm.lead"

    event_lead_client_id = fields.Many2one(
        "res.partner",
        string="Client",
        related="partner_id.commercial_partner_id",
        store=True,
        index="btree_not_null",
        help="The commercial entity of the customer: the client whose owner is credited.",
    )
    event_lead_bonus_user_id = fields.Many2one(
        "res.users",
        string="Bonus owner",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="Who is credited with this deal: the client's owner when the deal was won, whoever closed it. "
        "Later owner changes do not move it; a Sales manager corrects it with a reason.",
    )
    # the pipeline of a team that follows the deal statuses is the statuses;
    # other teams keep their own stages and Odoo's generic ones
    stage_id = fields.Many2one(
        domain="['|', ('team_ids', 'in', team_id), '&', ('team_ids', '=', False), "
        "('event_lead_status', '=', event_lead_follows_statuses)]"
    )
    event_lead_follows_statuses = fields.Boolean(
        related="team_id.event_lead_follow_statuses",
        string="Follows the deal statuses",
    )
    event_lead_passed_stage_ids = fields.Many2many(
        "crm.stage",
        "event_lead_crm_lead_passed_stage_rel",
        "lead_id",
        "stage_id",
        string="Stages passed",
        readonly=True,
        copy=False,
        help="Every stage this deal has been in: a mandatory stage cannot be skipped.",
    )
    event_lead_offer_state = fields.Selection(
        OFFER_STATES,
        string="Our offer",
        default="not_made",
        required=True,
        index=True,
        tracking=True,
        help="Need: not made yet; Negotiation: made; Contract approval: made, and we were chosen.",
    )
    event_lead_budget_state = fields.Selection(
        BUDGET_STATES,
        string="Client's budget",
        default="guess",
        required=True,
        index=True,
        tracking=True,
        help="Need: we are guessing; Negotiation: we know it; Contract approval: an exact figure in an invoice.",
    )
    event_lead_rating = fields.Float(
        string="Rating",
        compute="_compute_event_lead_rating",
        store=True,
        index=True,
        aggregator="sum",
        digits=(16, 2),
        help="Expected revenue × probability, weighted up for clients who already bought "
        "(+25% per won deal, at most ×2). Sorts the prospects by value.",
    )
    # the document package is for the Event Leads roles and accountants: an
    # Odoo user outside them opens deals as in Odoo
    event_lead_deal_type_id = fields.Many2one(
        "event.lead.deal.type",
        string="Deal type",
        index="btree_not_null",
        groups="event_lead_followup.group_event_lead_operator,event_lead_followup.group_event_lead_accountant",
        help="Decides which documents the deal's package holds.",
    )
    event_lead_document_ids = fields.One2many(
        "event.lead.document",
        "lead_id",
        string="Documents",
        groups="event_lead_followup.group_event_lead_operator,event_lead_followup.group_event_lead_accountant",
    )
    event_lead_document_count = fields.Integer(
        compute="_compute_event_lead_document_counts",
        string="Number of documents",
        groups="event_lead_followup.group_event_lead_operator,event_lead_followup.group_event_lead_accountant",
    )
    event_lead_document_todo_count = fields.Integer(
        compute="_compute_event_lead_document_counts",
        string="Documents to complete",
        groups="event_lead_followup.group_event_lead_operator,event_lead_followup.group_event_lead_accountant",
    )
    event_lead_result_ids = fields.One2many(
        "event.lead.contact.result",
        "lead_id",
        string="Contact results",
        groups="event_lead_followup.group_event_lead_operator",
    )
    event_lead_result_count = fields.Integer(
        compute="_compute_event_lead_result_count",
        string="Results",
        groups="event_lead_followup.group_event_lead_operator",
    )

    @api.depends("prorated_revenue", "event_lead_client_id.event_lead_won_count")
    def _compute_event_lead_rating(self):
        for lead in self:
            repeat = min(lead.event_lead_client_id.event_lead_won_count, RATING_REPEAT_CAP)
            lead.event_lead_rating = lead.prorated_revenue * (1 + RATING_REPEAT_STEP * repeat)

    def _pls_get_naive_bayes_probabilities(self, batch_mode=False, is_tooltip=False):
        """Predictive lead scoring never moves a deal off the fixed probability of its status.

        Odoo's daily PLS cron rewrites ``probability`` in SQL wherever it
        equals the automated value; deals sitting at the probability of a
        stage that sets it (OCA crm_stage_probability's "on_change") are left
        out of that batch. The form path is covered by the OCA module.
        """
        probabilities, tooltip = super()._pls_get_naive_bayes_probabilities(
            batch_mode=batch_mode, is_tooltip=is_tooltip
        )
        if batch_mode and probabilities:
            fixed = self._event_lead_governed().filtered(
                lambda lead: (
                    lead.stage_id.on_change
                    and float_compare(lead.probability, lead.stage_id.probability, precision_digits=2) == 0
                )
            )
            for lead_id in fixed.ids:
                probabilities.pop(lead_id, None)
        return probabilities, tooltip

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The pipeline's empty columns: the deal statuses for a team that
        follows them, Odoo's generic stages for the others."""
        result = super()._read_group_stage_ids(stages, domain)
        Team = self.env["crm.team"]
        teams = Team.browse(self.env.context.get("default_team_id"))
        if self.env.context.get("show_user_team_stages"):
            teams |= self.env.user.crm_team_ids
        teams = teams.exists() or Team._get_default_team_id()
        # sudo: read a flag of the teams (any user's team, readable or not)
        follows = set(teams.sudo().mapped("event_lead_follow_statuses")) or {False}
        return result.filtered(lambda stage: stage in stages or stage.team_ids or stage.event_lead_status in follows)

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """A team that follows the deal statuses starts its deals in a status;
        other teams (and deals without a team) in Odoo's stages."""
        Team = self.env["crm.team"]
        teams = Team.browse(team_id) | self.team_id
        if not teams and not self:
            # a default for a new deal (OCA's default probability): the team in the context
            teams = Team.browse(self.env.context.get("default_team_id")).exists()
        # sudo: read a flag of the teams (any user's team, readable or not)
        follows = set(teams.sudo().mapped("event_lead_follow_statuses")) or {False}
        if len(follows) == 1:
            scoped = [*(domain or []), "|", ("team_ids", "!=", False), ("event_lead_status", "=", follows.pop())]
            stages = super()._stage_find(team_id=team_id, domain=scoped, order=order, limit=limit)
            if stages:
                return stages
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    def _compute_event_lead_document_counts(self):
        data = self.env["event.lead.document"]._read_group(
            [("lead_id", "in", self.ids)], ["lead_id", "is_done"], ["__count"]
        )
        total, todo = {}, {}
        for lead, is_done, count in data:
            total[lead.id] = total.get(lead.id, 0) + count
            if not is_done:
                todo[lead.id] = count
        for lead in self:
            lead.event_lead_document_count = total.get(lead.id, 0)
            lead.event_lead_document_todo_count = todo.get(lead.id, 0)

    def _compute_event_lead_result_count(self):
        data = dict(
            self.env["event.lead.contact.result"]._read_group([("lead_id", "in", self.ids)], ["lead_id"], ["__count"])
        )
        for lead in self:
            lead.event_lead_result_count = data.get(lead, 0)

    # ------------------------------------------------------------------
    # CRUD: mandatory stages, document package, won guard
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # a deal created in a status takes its fixed probability (OCA's
        # default only knows the first stage)
        stage_ids = {vals["stage_id"] for vals in vals_list if vals.get("stage_id") and "probability" not in vals}
        fixed = {stage.id: stage.probability for stage in self.env["crm.stage"].browse(stage_ids) if stage.on_change}
        for vals in vals_list:
            if vals.get("stage_id") in fixed and "probability" not in vals:
                vals["probability"] = fixed[vals["stage_id"]]
            if "event_lead_passed_stage_ids" in vals:
                self._event_lead_check_history_write()
        leads = super().create(vals_list)
        governed = leads._event_lead_governed()
        # a deal of a team that follows the statuses, its status found from
        # its team (no stage nor probability given): the status's probability
        unset = self.browse(lead.id for lead, vals in zip(leads, vals_list, strict=True) if "probability" not in vals)
        for stage, stage_leads in (governed & unset).grouped("stage_id").items():
            if stage.on_change:
                stage_leads.filtered(lambda lead, fixed=stage.probability: lead.probability != fixed).write(
                    {"probability": stage.probability}
                )
        if not waivers.is_waived(waivers.STATUS_POLICY):
            # a deal created in a status (by the form, an import or the API)
            # meets the same checks as one moved there
            for stage, stage_leads in governed.filtered("stage_id").grouped("stage_id").items():
                stage_leads._event_lead_check_entering(stage)
        governed._event_lead_enter_stages()
        return leads

    def write(self, vals):
        if "event_lead_bonus_user_id" in vals and not waivers.is_waived(waivers.BONUS_OWNER):
            raise UserError(
                self.env._(
                    "The bonus owner is set when the deal is won; a Sales manager corrects it with "
                    "“Correct bonus owner”."
                )
            )
        if "event_lead_passed_stage_ids" in vals:
            self._event_lead_check_history_write()
        stage = self.env["crm.stage"].browse(vals.get("stage_id"))
        governed = self._event_lead_governed(vals.get("team_id"))
        moving = governed.filtered(lambda lead: lead.stage_id != stage) if stage else self.browse()
        if moving and not waivers.is_waived(waivers.STATUS_POLICY):
            moving._event_lead_check_entering(stage, vals)
        if moving and moving == self:
            vals = dict(vals, event_lead_passed_stage_ids=[Command.link(stage.id)])
        res = super().write(vals)
        if moving and moving != self:
            with waivers.waive(waivers.STATUS_POLICY):
                moving.write({"event_lead_passed_stage_ids": [Command.link(stage.id)]})
        if "team_id" in vals and not stage:
            # a deal joining a team that follows the deal statuses: its status counts as passed
            self._event_lead_governed()._event_lead_enter_stages()
        if {"event_lead_offer_state", "event_lead_budget_state"} & set(vals) and not stage:
            self._event_lead_governed()._event_lead_check_stage_facts_kept()
        if "event_lead_deal_type_id" in vals:
            self.env["event.lead.document"]._ensure_package(self.filtered("event_lead_document_ids"))
        return res

    def _event_lead_governed(self, team_id=None):
        """The deals of these that follow the deal statuses: those of a sales
        team that follows them (``team_id``: the team they are moving to).
        Other teams' deals keep Odoo's pipeline and rules."""
        if team_id is not None:
            team = self.env["crm.team"].browse(team_id)
            # sudo: read a flag of the team
            return self if team.sudo().event_lead_follow_statuses else self.browse()
        # sudo: read a flag of the deals' teams
        return self.filtered(lambda lead: lead.team_id.sudo().event_lead_follow_statuses)

    def _event_lead_check_history_write(self):
        """The stages a deal went through are written by its moves, never by a user."""
        if not waivers.is_waived(waivers.STATUS_POLICY):
            raise UserError(self.env._("The stages a deal has been through are recorded by its moves only."))

    def _event_lead_check_entering(self, stage, vals=None):
        """Everything a deal must meet to enter ``stage``, whatever the path
        (the pipeline, the form, ``action_set_won``, an import, the API): the
        mandatory statuses before it, its facts, and for Won its documents."""
        self._event_lead_check_stage_steps(stage)
        self._event_lead_check_stage_facts(stage, vals)
        Document = self.env["event.lead.document"]
        if stage.event_lead_document_package or stage.is_won:
            Document._ensure_package(self)
        if stage.is_won:
            Document._check_won(self)

    def _event_lead_enter_stages(self):
        """Record the current stage as passed, and give the deals entering a
        package stage their document package."""
        for stage, leads in self.filtered("stage_id").grouped("stage_id").items():
            with waivers.waive(waivers.STATUS_POLICY):
                leads.write({"event_lead_passed_stage_ids": [Command.link(stage.id)]})
            if stage.event_lead_document_package and not waivers.is_waived(waivers.STATUS_POLICY):
                self.env["event.lead.document"]._ensure_package(leads)

    def _event_lead_check_stage_steps(self, stage):
        """Refuse to move ``self`` to ``stage`` over a mandatory stage it has
        not been through: into a deal status or a won stage (a stage of
        another app, not a status, asks for nothing)."""
        if not (stage.event_lead_status or stage.event_lead_mandatory or stage.is_won):
            return
        mandatory = self.env["crm.stage"].search([("event_lead_mandatory", "=", True)], order="sequence, id")
        if not mandatory:
            return
        for lead in self:
            required = mandatory._event_lead_applies_to(lead.team_id) - stage
            if not stage.is_won:
                required = required.filtered(lambda s: (s.sequence, s.id) < (stage.sequence, stage.id))
            missing = required - lead.event_lead_passed_stage_ids - lead.stage_id
            if missing:
                raise UserError(
                    self.env._(
                        "«%(deal)s» cannot move to «%(stage)s»: it has not been through %(missing)s. "
                        "These steps are mandatory: move the deal through them first.",
                        deal=lead.display_name,
                        stage=stage.name,
                        missing=", ".join(f"«{name}»" for name in missing.mapped("name")),
                    )
                )

    def _event_lead_check_stage_facts(self, stage, vals=None):
        """Refuse to put ``self`` in ``stage`` before its facts are recorded:
        our offer and the client's budget at least what the status requires
        (``vals``: the facts written together with the move)."""
        vals = vals or {}
        offer_levels = [key for key, _label in OFFER_STATES]
        budget_levels = [key for key, _label in BUDGET_STATES]
        offer_labels = dict(self._fields["event_lead_offer_state"]._description_selection(self.env))
        budget_labels = dict(self._fields["event_lead_budget_state"]._description_selection(self.env))
        for lead in self:
            offer = vals.get("event_lead_offer_state") or lead.event_lead_offer_state
            budget = vals.get("event_lead_budget_state") or lead.event_lead_budget_state
            missing = []
            if stage.event_lead_offer_min and offer_levels.index(offer) < offer_levels.index(
                stage.event_lead_offer_min
            ):
                missing.append(
                    self.env._(
                        "our offer must be «%(needed)s» (it is «%(actual)s»)",
                        needed=offer_labels[stage.event_lead_offer_min],
                        actual=offer_labels[offer],
                    )
                )
            if stage.event_lead_budget_min and budget_levels.index(budget) < budget_levels.index(
                stage.event_lead_budget_min
            ):
                missing.append(
                    self.env._(
                        "the client's budget must be «%(needed)s» (it is «%(actual)s»)",
                        needed=budget_labels[stage.event_lead_budget_min],
                        actual=budget_labels[budget],
                    )
                )
            if missing:
                raise UserError(
                    self.env._(
                        "«%(deal)s» cannot enter «%(stage)s»: %(missing)s. Record the facts on the deal first.",
                        deal=lead.display_name,
                        stage=stage.name,
                        missing="; ".join(missing),
                    )
                )

    def _event_lead_check_stage_facts_kept(self):
        """Facts lowered below the current status are refused too: the status
        would no longer be true (move the deal back first)."""
        if waivers.is_waived(waivers.STATUS_POLICY):
            return
        for stage, leads in (
            self.filtered(lambda lead: lead.active and lead.stage_id and not lead.stage_id.is_won)
            .grouped("stage_id")
            .items()
        ):
            leads._event_lead_check_stage_facts(stage)

    # ------------------------------------------------------------------
    # Ownership: customer edits, bonus owner
    # ------------------------------------------------------------------

    def _event_lead_partner_writable(self):
        """The leads whose customer the user may edit (record rules on clients)."""
        writable = self.partner_id._filtered_access("write")
        return self.filtered(lambda lead: lead.partner_id in writable)

    def _inverse_email_from(self):
        # a lead's new e-mail updates its customer only when the user may
        # edit that client; otherwise the lead keeps its own e-mail
        return super(CrmLead, self._event_lead_partner_writable())._inverse_email_from()

    def _inverse_phone(self):
        return super(CrmLead, self._event_lead_partner_writable())._inverse_phone()

    def _handle_won_lost(self, old_status_by_lead, new_status_by_lead):
        """A deal reaching won credits the owner of its client at that moment."""
        result = super()._handle_won_lost(old_status_by_lead, new_status_by_lead)
        reached_won = self._event_lead_governed().filtered(
            lambda lead: (
                new_status_by_lead.get(lead.id, {}).get("is_won")
                and not old_status_by_lead.get(lead.id, {}).get("is_won")
            )
        )
        pool = self.env.company.event_lead_pool_user_id
        for owner, leads in (
            # sudo: read the owner of the client of each deal won (record rules may hide the client's owner)
            reached_won.sudo().grouped(lambda lead: lead.partner_id.commercial_partner_id.user_id).items()
        ):
            credited = owner if owner != pool else self.env["res.users"]
            leads._event_lead_write_bonus_user(credited)
        return result

    def _event_lead_write_bonus_user(self, user):
        """The only way the bonus owner is written: when a deal is won, or by
        a Sales manager's correction (``_event_lead_correct_bonus_user``)."""
        with waivers.waive(waivers.BONUS_OWNER):
            # sudo: the only writer of the bonus owner, called when a deal is won or by a manager's checked correction
            self.sudo().write({"event_lead_bonus_user_id": user.id})

    def _event_lead_correct_bonus_user(self, user, reason):
        """A Sales manager credits these deals to ``user``; the reason is logged."""
        if not self.env.user.has_group("event_lead_followup.group_event_lead_manager"):
            raise AccessError(self.env._("Only a Sales manager can correct the bonus owner."))
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the bonus owner changes: the reason is logged on the deal."))
        for lead in self:
            previous = lead.event_lead_bonus_user_id
            lead._event_lead_write_bonus_user(user)
            lead.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Bonus owner corrected from %(previous)s to %(new)s by %(user)s. Reason: %(reason)s",
                    previous=previous.name or self.env._("nobody"),
                    new=user.name or self.env._("nobody"),
                    user=self.env.user.name,
                    reason=reason,
                )
            )

    def action_event_lead_correct_bonus(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct bonus owner"),
            "res_model": "event.lead.bonus.owner.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_event_lead_document_package(self):
        self.env["event.lead.document"]._ensure_package(self)
        return self.action_event_lead_documents()

    def action_event_lead_documents(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_document_action")
        action["domain"] = [("lead_id", "in", self.ids)]
        action["context"] = {"default_lead_id": self.id if len(self) == 1 else False}
        return action

    def action_event_lead_results(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_lead_contact_result_action")
        action["domain"] = [("lead_id", "in", self.ids)]
        action["context"] = {}
        return action

    def _event_lead_map_to_stage(self, stage):
        """Move deals of an old pipeline to ``stage`` (stage mapping wizard).

        No stage rule applies and no tracking message is written per deal
        (a one-off migration); open deals take the probability of their new
        stage, won deals stay won and lost deals stay lost. The mandatory
        stages before ``stage`` count as passed.
        """
        with waivers.waive(waivers.STATUS_POLICY):
            leads = self.with_context(active_test=False, tracking_disable=True)
            # the status says what was known: record its facts on deals that lack them
            offer_levels = [key for key, _label in OFFER_STATES]
            budget_levels = [key for key, _label in BUDGET_STATES]
            for field, levels, needed in (
                ("event_lead_offer_state", offer_levels, stage.event_lead_offer_min),
                ("event_lead_budget_state", budget_levels, stage.event_lead_budget_min),
            ):
                if needed:
                    leads.filtered(lambda lead, f=field, lv=levels, n=needed: lv.index(lead[f]) < lv.index(n)).write(
                        {field: needed}
                    )
            lost = leads.filtered(lambda lead: lead.won_status == "lost")
            (leads - lost).write({"stage_id": stage.id})
            lost.write({"stage_id": stage.id, "probability": 0})
            mandatory = self.env["crm.stage"].search([("event_lead_mandatory", "=", True)])
            if not stage.is_won:
                mandatory = mandatory.filtered(lambda s: (s.sequence, s.id) <= (stage.sequence, stage.id))
            for team, team_leads in leads.grouped("team_id").items():
                passed = mandatory._event_lead_applies_to(team)
                if passed:
                    team_leads.write({"event_lead_passed_stage_ids": [Command.link(s.id) for s in passed]})
