// allowance-checker: being built
