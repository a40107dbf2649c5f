return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.LocalCounter.LocalCounterNode>(args);
