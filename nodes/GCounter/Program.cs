return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.GCounter.GCounterNode, Glomers.GCounter.GCounterOptions>(args);
