"""Escalations: inquiries handed to the responsible office, stored durably in Redis."""
