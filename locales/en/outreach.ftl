command-outreach = First-message templates: replies and the best one
outreach-reach-out = ✉️ Reach out
outreach-preview-title = <b>Follow-up chain</b>: a message from the userbot, then an e-mail, then a task for you.
outreach-to = To: { $name } · Telegram: { $telegram } · e-mail: { $email }
outreach-first = First step: { $channel }, in the recipient's working hours ({ $zone }).
outreach-no-template = No live template for this language — an admin can bring one back in /outreach.
outreach-kind-telegram = a Telegram message
outreach-kind-email = an e-mail
outreach-kind-task = a task for the owner
outreach-send = ✅ Start
outreach-edit = ✏ Edit the text
outreach-back = ← Back to the card
outreach-ask-text = Send the whole text of the first message.
outreach-preview-gone = This preview is out of date — press “Reach out” again.
outreach-started = The chain is running. A reply will come here; its steps go to the card's and the client's history.
outreach-stop = ⏹ Stop the chain
outreach-stopped = The chain is stopped
outreach-mark-reply = 📩 Mark the e-mail reply
outreach-ask-reply = Paste the client's answer to the e-mail.
outreach-busy = Another chain is writing to this person — wait until it ends.
outreach-opted-out = This person asked not to be written to. No chain can start for them.
outreach-run = Chain: { $status } (reason: { $reason })
outreach-status-active = running
outreach-status-replied = replied
outreach-status-stopped = stopped
outreach-status-done = finished
outreach-open-card = Open the card
outreach-push-reply = 💬 A reply about “{ $title }” after { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}:
    <blockquote>{ $text }</blockquote>
outreach-push-opt-out = 🚫 The author of “{ $title }” asked not to be written to: “{ $text }”. Every chain to them is stopped.
outreach-push-task = 📋 No answer about “{ $title }”. Write yourself, for example:
    <blockquote>{ $text }</blockquote>
outreach-push-paused = ⚠ Telegram limited account { $account } ({ $reason }): its first messages are paused until { $until } UTC.
outreach-report-title = <b>Templates</b> (sent · replies · reply rate [95 % interval] · chance of being best)
outreach-report-line = { $name } ({ $kind }, { $language }): { $sends } · { $replies } · { $rate } [{ $low }–{ $high }] · { $best }{ $retired ->
    [yes] · retired
   *[no] {""}
}
outreach-report-empty = No templates yet.
outreach-retire = Retire “{ $name }”
outreach-retired = The template is no longer sent
crm-error-outreach_busy = Another chain is writing to this person.
crm-error-outreach_opted_out = This person asked not to be written to.
crm-error-outreach_text_length = The text is empty or longer than 3000 characters.
crm-error-outreach_no_run = No such chain.
crm-error-outreach_already_replied = The reply to this chain is recorded already.
crm-error-outreach_no_open_request = The client has no open request to write about.
crm-error-outreach_template_variable = The template uses an unknown variable.
crm-error-outreach_template_braces = The template has an unpaired brace.
