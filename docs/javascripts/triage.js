// triage: being built
