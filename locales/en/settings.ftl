settings-summary = <b>Settings</b>
    Language: { $language }
    Email: { $email } ({ $email_state })
    Timezone: { $timezone }
settings-on = notifications on
settings-off = notifications off
settings-email-none = not set
settings-email-on = ✉️ Turn email on
settings-email-off = 🔕 Turn email off
settings-email-set = ✏️ Set email
settings-email-ask = Send the email address for notifications.
settings-email-invalid = That does not look like an email address. Try again, e.g. name@example.com.
settings-timezone = 🕒 Timezone
settings-timezone-ask = Pick a timezone:
settings-saved = Saved
