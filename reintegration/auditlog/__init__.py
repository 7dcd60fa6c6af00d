"""The audit log as people read it (/admin/audit): actions, roles, objects and details in
the reader's language, objects named as a person would name them without naming people,
filters, and the filtered log as CSV (itself audited). The trail itself is core.audit."""
