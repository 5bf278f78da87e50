import MonkCLI

// Everything lives in MonkCLI; this file only hands over the arguments. `main` exits with the run's status.
await MonkCLI.main(CommandLine.arguments)
