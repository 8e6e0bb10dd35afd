// guide-ticks: being built
