access-refused-other_team = This request belongs to the team “{ $team }”: only its people can change it.
access-refused-owned = This request is { $owner }’s: only they or a team lead can change it.
access-refused-take_first = Take the request into work first.
access-refused-leads_only = Only team leads can do this.
access-refused-admins_only = Only administrators can do this.
access-refused-inactive = Your account is switched off. Ask an administrator.
