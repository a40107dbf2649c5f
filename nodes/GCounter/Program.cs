return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.GCounter.GCounterNode>(args);
