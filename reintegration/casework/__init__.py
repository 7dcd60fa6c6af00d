"""What a commune caseworker does every day: contacts, case plans, follow-ups, transfers."""
