prompt-cancel = ✖️ Cancel
prompt-how-to-cancel = <i>Cancel with the button, /cancel or any other command: nothing will be saved.</i>
prompt-cancelled = Cancelled, nothing was saved.
prompt-idle = Nothing to cancel.
