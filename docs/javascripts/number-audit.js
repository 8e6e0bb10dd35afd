// number-audit: being built
