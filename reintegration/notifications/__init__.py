"""Each user's inbox: reminders, alerts and messages, in-app and (when configured) by e-mail."""
