from . import event_lead_dossier_latest
