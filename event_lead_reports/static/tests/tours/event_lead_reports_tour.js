import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// Cell n of the pivot row of `header` (the row header is the first child).
const cell = (header, n, text) =>
    `.o_pivot tbody tr:has(th:contains('${header}')) td:nth-child(${n + 1}):contains('${text}')`;

/**
 * The sales manager reads the event funnel and the contacts of each person
 * from the Reporting menu.
 */
registry.category("web_tour.tours").add("event_lead_reports_manager", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("event_lead_followup.event_lead_menu_root", "Open the Event Leads app."),
        {
            content: "Open the Reporting menu.",
            trigger: 'button[data-menu-xmlid="event_lead_followup.event_lead_menu_reporting"]',
            run: "click",
        },
        {
            content: "Open the event funnel.",
            trigger: 'a[data-menu-xmlid="event_lead_reports.event_lead_funnel_report_menu"]',
            run: "click",
        },
        {
            content: "All events, whatever their date.",
            trigger: ".o_searchview_facet:contains('Event date') .o_facet_remove",
            run: "click",
        },
        {
            content: "Four registered...",
            trigger: cell("Выставка «Связь»", 2, "4"),
        },
        {
            content: "...three came...",
            trigger: cell("Выставка «Связь»", 3, "3"),
        },
        {
            content: "...that is 75% of the registered...",
            trigger: cell("Выставка «Связь»", 4, "75.0"),
        },
        {
            content: "...and one did not come.",
            trigger: cell("Выставка «Связь»", 9, "1"),
        },
        {
            content: "Back to the Reporting menu.",
            trigger: 'button[data-menu-xmlid="event_lead_followup.event_lead_menu_reporting"]',
            run: "click",
        },
        {
            content: "Open the contacts per person.",
            trigger: 'a[data-menu-xmlid="event_lead_reports.event_lead_reports_menu_contacts"]',
            run: "click",
        },
        {
            content: "Anna held three contacts this month...",
            trigger: cell("Anna Advisor", 1, "3"),
        },
        {
            content: "...two of them positive...",
            trigger: cell("Anna Advisor", 2, "2"),
        },
        {
            content: "...so she is 66.67% effective.",
            trigger: cell("Anna Advisor", 3, "66.67"),
        },
        {
            content: "Boris held one, positive.",
            trigger: cell("Boris Advisor", 3, "100.00"),
        },
    ],
});
