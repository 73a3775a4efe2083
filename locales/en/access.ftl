access-refused = Sorry, you have no access to this bot or to this item. Ask an administrator for an invite.
start-welcome = Hello, { $name }! Your role: { $role }. Pick a section:
invite-choose-role = Which role is the invite for?
invite-created = One-time link for the “{ $role }” role (valid for { $hours } h):
    { $link }
users-title = Users — pick one to change what they see:
scope-summary = <b>{ $name }</b> ({ $role })
    Role families: { $roles }
    Sources: { $sources }
scope-reset = ↺ Sees everything
user-role-admin = admin
user-role-lead = lead
user-role-manager = manager
