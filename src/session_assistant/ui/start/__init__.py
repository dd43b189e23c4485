"""First run and unlock."""
