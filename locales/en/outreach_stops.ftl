outreach-step-bounced = bounced, the owner's task comes at once
outreach-act-stopped-stage = { $when } — chain stopped: the request moved to “{ $stage }”
