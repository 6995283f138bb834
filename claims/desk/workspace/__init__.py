"""The claim workspace (/desk/claims/<pk>/): one claim in its context, its evidence, its verdict, its
status and its history."""
