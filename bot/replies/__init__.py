"""How a reply is put together: topic answers, response templates, button payloads, phone links."""
