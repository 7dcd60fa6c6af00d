"""Users, roles, scopes and login."""
