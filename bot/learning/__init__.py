"""Learning from residents: unanswered questions, answer feedback, and the staff review loop."""
