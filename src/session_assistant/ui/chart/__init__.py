"""The client chart: records, assessments, diagnoses, plan, client details, digests."""
