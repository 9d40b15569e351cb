import { formatDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const { DateTime } = luxon;

/**
 * A telemarketing operator the day after an event: from the event, its
 * funnel, the people who did not come; one asks to be called back in two
 * weeks (a postponement with its reason), another refuses (with a reason).
 */
registry.category("web_tour.tours").add("event_lead_noshow_followup", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("event_lead_followup.event_lead_menu_root", "Open the Event Leads app."),
        {
            content: "Open the Events menu.",
            trigger: 'button[data-menu-xmlid="event_lead_followup.event_lead_menu_events"]',
            run: "click",
        },
        {
            content: "Open the events.",
            trigger: 'a[data-menu-xmlid="event_lead_followup.event_event_menu_event_lead"]',
            run: "click",
        },
        {
            content: "Open the event that just ended.",
            trigger: ".o_data_row td[name=name]:contains('Выставка «Связь»')",
            run: "click",
        },
        {
            content: "Open its funnel.",
            trigger: ".o_form_view .o_notebook a:contains('Funnel')",
            run: "click",
        },
        {
            content: "Two registered people did not come: open them.",
            trigger: ".o_form_view button[name=action_event_lead_open_funnel]:contains('did not come')",
            run: "click",
        },
        {
            content: "The no-show list names the event and the stage.",
            trigger: ".o_breadcrumb:contains('Did not come')",
        },
        {
            content: "Call the first one: record the result.",
            trigger: ".o_data_row:contains('Неявка 0') button[name=action_event_lead_record_result]",
            run: "click",
        },
        {
            content: "They ask to be called back: a postponement.",
            trigger: ".modal div[name=result_type] input[data-value=postponed]",
            run: "click",
        },
        {
            content: "The new date: in two weeks.",
            trigger: ".modal .o_field_widget[name=postponed_to] input",
            run: `edit ${formatDate(DateTime.now().plus({ days: 14 }))}`,
        },
        {
            content: "The reason of the postponement.",
            trigger: ".modal .o_field_widget[name=postpone_reason_id] input",
            run: "edit Decision",
        },
        {
            trigger: ".modal .o-autocomplete--dropdown-item:contains('Decision not made yet')",
            run: "click",
        },
        {
            content: "Save the postponement.",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Back on the no-show list, the second one.",
            trigger: "body:not(:has(.modal)) .o_data_row:contains('Неявка 1') button[name=action_event_lead_record_result]",
            run: "click",
        },
        {
            content: "They will not take part: a refusal.",
            trigger: ".modal div[name=result_type] input[data-value=refused_participation]",
            run: "click",
        },
        {
            content: "The reason of the refusal.",
            trigger: ".modal .o_field_widget[name=lost_reason_id] input",
            run: "edit budget",
        },
        {
            trigger: ".modal .o-autocomplete--dropdown-item:contains('No budget this year')",
            run: "click",
        },
        {
            content: "Save the refusal.",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The refusal leaves the no-show list; the postponed call stays on it.",
            trigger:
                "body:not(:has(.modal)) .o_list_renderer:not(:has(.o_data_row:contains('Неявка 1'))):has(.o_data_row:contains('Неявка 0'))",
        },
    ],
});
