using ByteStack.Server.Hosting;

return await CommandLine.Create().Parse(args).InvokeAsync();
