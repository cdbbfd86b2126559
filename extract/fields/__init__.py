"""Stage 4, fields: tasks, timeframes, document facts, responsibilities and targets."""
