return Glomers.BrokenNodes.ProcessEdge.Run(args);
