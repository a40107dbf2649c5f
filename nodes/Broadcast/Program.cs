return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.Broadcast.BroadcastNode>(args);
