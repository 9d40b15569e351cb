import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * The accountant receives the signed original of a contract by post and
 * marks it in the document package.
 */
registry.category("web_tour.tours").add("event_lead_document_original", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("event_lead_followup.event_lead_menu_root", "Open the Event Leads app."),
        {
            content: "Open the Documents menu.",
            trigger: 'button[data-menu-xmlid="event_lead_followup.event_lead_menu_documents"]',
            run: "click",
        },
        {
            content: "Open the document package.",
            trigger: 'a[data-menu-xmlid="event_lead_followup.event_lead_document_menu"]',
            run: "click",
        },
        {
            content: "The contract of the deal is waiting for its original.",
            trigger: ".o_data_row:contains('Стенд на «Связи»'):contains('Contract') td[name=state]:contains('Sent')",
        },
        {
            content: "See the package by state.",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "Open the sent contract.",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Sent')) .o_kanban_record:contains('Contract'):contains('Стенд на «Связи»')",
            run: "click",
        },
        {
            content: "The original came back signed.",
            trigger: ".o_form_view .o_statusbar_status button:contains('Original received')",
            run: "click",
        },
        {
            content: "The contract is done: its original is received today.",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Original received')",
        },
        {
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=date_original]:not(:empty)",
        },
    ],
});
