import { registry } from "@web/core/registry";

// An advisor's morning: her clients (list and kanban), a client card, a
// transfer request on someone else's client, and the "New client" check.
registry.category("web_tour.tours").add("event_lead_ownership_clients", {
    steps: () => [
        {
            trigger: ".o_list_renderer .o_data_row:contains('Ромашка')",
            content: "the list opens on my working clients",
        },
        {
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains('Тойота')))",
            content: "someone else's clients are not in my list",
        },
        {
            trigger: ".o_switch_view.o_kanban",
            content: "switch to kanban",
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains('Ромашка') .o_field_badge:contains('Hot')",
            content: "readiness shows as a coloured badge",
        },
        {
            trigger: ".o_kanban_record:contains('Ромашка')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_notebook a:contains('Client card')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=event_lead_preferred_channel]",
            content: "the client card tab",
        },
        {
            trigger: ".o_form_view .o_notebook a:contains('Special dates')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=event_lead_special_date_ids]",
        },
    ],
});

registry.category("web_tour.tours").add("event_lead_ownership_transfer", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=user_id] input:value(Boris Advisor)",
            content: "everyone sees who owns the client",
        },
        {
            trigger: "button[name=action_event_lead_request_transfer]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Работаю с ними по выставке",
        },
        {
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
            content: "the request is sent",
        },
    ],
});

// An advisor tries to create a client that another advisor owns: the card
// warns and names the owner, saving is blocked with the owner's name, the
// "New client" check says the same, and the advisor asks for a transfer.
registry.category("web_tour.tours").add("event_lead_ownership_check", {
    steps: () => [
        {
            trigger: ".o_list_button_add",
            content: "a new client from my clients list",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit TOYOTA && press Tab",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=event_lead_duplicate_info]:contains('Boris Advisor')",
            content: "the card already warns whose client it is",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".modal .modal-body:contains('owned by Boris Advisor')",
            content: "saving is blocked with the owner's name",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            content: "close the message",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_cancel",
            content: "drop the duplicate",
            run: "click",
        },
        {
            trigger: ".o_list_renderer",
            content: "back to my clients",
        },
        {
            trigger: 'button[data-menu-xmlid="event_lead_followup.event_lead_menu_clients"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="event_lead_followup.event_lead_partner_check_menu"]',
            content: "check the client first with “New client”",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit TOYOTA",
        },
        {
            trigger: ".modal button[name=action_check]",
            run: "click",
        },
        {
            trigger: ".modal .o_data_row:contains('Boris Advisor')",
            content: "the check names the owner",
        },
        {
            trigger: ".modal .alert-danger",
            content: "and says a transfer is needed",
        },
        {
            trigger: ".modal:not(:has(button[name=action_create]:visible))",
            content: "an advisor cannot create the duplicate",
        },
        {
            trigger: ".modal .o_data_row:contains('Boris Advisor') button[name=action_request_transfer]",
            content: "ask Boris for the client instead",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Они были у нас на стенде, договорились о встрече",
        },
        {
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
            content: "the request is sent",
        },
    ],
});

// A manager answers a transfer request.
registry.category("web_tour.tours").add("event_lead_ownership_manager_transfer", {
    steps: () => [
        {
            trigger: ".o_list_renderer .o_data_row:contains('Anna Advisor') td[name=partner_id]",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_accept]",
            run: "click",
        },
        {
            trigger: ".modal-footer button.btn-primary",
            content: "confirm the hand-over",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Accepted')",
        },
    ],
});

// A manager reassigns the clients of a digest to marketing.
registry.category("web_tour.tours").add("event_lead_ownership_manager_digest", {
    steps: () => [
        {
            trigger: ".o_list_renderer .o_data_row:first td[name=date]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_ids] .o_data_row",
            content: "the digest lists the clients",
        },
        {
            trigger: ".o_form_view button[name=action_reassign]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=mode] input[data-value=marketing]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Не работали четыре месяца",
        },
        {
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});

// A manager corrects the bonus owner of a won deal.
registry.category("web_tour.tours").add("event_lead_ownership_bonus", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name=event_lead_bonus_user_id]:contains('Boris Advisor')",
        },
        {
            trigger: ".o_form_view button[name=action_event_lead_correct_bonus]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=user_id] input",
            run: "edit Anna",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Anna Advisor')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Договорились на планёрке",
        },
        {
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=event_lead_bonus_user_id]:contains('Anna Advisor')",
        },
    ],
});
