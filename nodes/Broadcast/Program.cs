return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.Broadcast.BroadcastNode, Glomers.Broadcast.BroadcastOptions>(args);
