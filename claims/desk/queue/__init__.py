"""The review queue (/desk/claims/): filter, sort and page through claims, and move ticked ones in bulk."""
