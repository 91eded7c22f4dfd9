__all__ = ["QUESTIONS"]
QUESTIONS = ()
