return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.UniqueIds.UniqueIdsNode>(args);
