import { registry } from "@web/core/registry";

/**
 * The sales manager's morning dashboard shows its graphs and tables.
 */
registry.category("web_tour.tours").add("event_lead_reports_dashboard", {
    steps: () => [
        {
            content: "Contacts of the month per person, as a graph",
            trigger: ".o-dashboard-action:contains('Contacts this month') .o_graph_renderer canvas",
        },
        {
            content: "Effectiveness per person, as a table: the ratio of the totals",
            trigger:
                ".o-dashboard-action:contains('Effectiveness this month') .o_pivot td.o_pivot_cell_value:contains('50.00')",
        },
        {
            content: "Overdue follow-ups",
            trigger: ".o-dashboard-action:contains('Overdue follow-ups') .o_graph_renderer canvas",
        },
        {
            content: "The Schiffman board",
            trigger: ".o-dashboard-action:contains('Schiffman board') .o_graph_renderer canvas",
        },
        {
            content: "Plan vs actual",
            trigger: ".o-dashboard-action:contains('Planned vs actual') .o_graph_renderer canvas",
        },
        {
            content: "Refusal reasons",
            trigger: ".o-dashboard-action:contains('Refusal reasons') .o_graph_renderer canvas",
        },
        {
            content: "Incoming calls",
            trigger: ".o-dashboard-action:contains('Incoming calls') .o_graph_renderer canvas",
        },
        {
            content: "Every graph of the dashboard opened",
            trigger: ".o_dashboard:not(:has(.text-warning:contains('Invalid action')))",
        },
    ],
});
