// report-builder: being built
