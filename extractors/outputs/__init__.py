"""What a run writes: the output files and their columns (`tables`), the summary (`summary`),
run history and changes between runs (`history`), and run folders with their lock (`rundir`)."""
