"""Running Karib: task retries and parked jobs (the rest lives in core and deploy/)."""
